# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/confluentinc/confluent" {
  version     = "2.70.0"
  constraints = ">= 2.10.0, < 3.0.0"
}

provider "registry.terraform.io/hashicorp/local" {
  version     = "2.5.3"
  constraints = ">= 2.4.0, < 3.0.0"
}

provider "registry.terraform.io/hashicorp/random" {
  version     = "3.7.2"
  constraints = ">= 3.5.0, < 4.0.0"
}
