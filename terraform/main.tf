# The Confluent Cloud side of the suite: one environment with Stream Governance, one Kafka
# cluster, and a "manager" service account that Terraform itself uses to create topics, ACLs,
# schemas and catalog metadata. The services never use the manager's keys: each one gets its own
# service account (access.tf). What to create comes from generated.auto.tfvars.json, which
# ./streammesh terraform-vars writes from the code.

# Service account names are unique in a Confluent Cloud organization: every name gets a random
# suffix, drawn once and kept in the state, so two people (or two copies) of this configuration in
# one organization never collide ("409 Conflict: Service name is already in use").
resource "random_id" "suffix" {
  byte_length = 3

  keepers = {
    name_prefix = var.name_prefix
  }
}

locals {
  name = "${var.name_prefix}-${random_id.suffix.hex}"

  # business metadata (Team details, Domain details, Data Product details) needs the ADVANCED
  # Stream Governance package; tags and schemas work with ESSENTIALS too
  business_metadata_enabled = var.stream_governance_package == "ADVANCED"
}

resource "confluent_environment" "main" {
  display_name = local.name

  stream_governance {
    package = var.stream_governance_package
  }
}

resource "confluent_kafka_cluster" "main" {
  display_name = "${local.name}-cluster"
  availability = "SINGLE_ZONE"
  cloud        = var.cloud
  region       = var.region

  dynamic "basic" {
    for_each = var.cluster_type == "BASIC" ? [1] : []
    content {}
  }

  dynamic "standard" {
    for_each = var.cluster_type == "STANDARD" ? [1] : []
    content {}
  }

  environment {
    id = confluent_environment.main.id
  }
}

# Schema Registry (and the Stream Catalog behind it) comes with the environment's Stream Governance
# package once the environment has a cluster.
data "confluent_schema_registry_cluster" "main" {
  environment {
    id = confluent_environment.main.id
  }

  depends_on = [confluent_kafka_cluster.main]
}

resource "confluent_service_account" "manager" {
  display_name = "${local.name}-manager"
  description  = "Terraform: creates the topics, ACLs, schemas and catalog metadata of ${local.name}"
}

resource "confluent_role_binding" "manager_environment_admin" {
  principal   = "User:${confluent_service_account.manager.id}"
  role_name   = "EnvironmentAdmin"
  crn_pattern = confluent_environment.main.resource_name
}

resource "confluent_api_key" "manager_kafka" {
  display_name = "${local.name}-manager-kafka"
  description  = "Kafka API key of ${local.name}-manager (Terraform only)"

  owner {
    id          = confluent_service_account.manager.id
    api_version = confluent_service_account.manager.api_version
    kind        = confluent_service_account.manager.kind
  }

  managed_resource {
    id          = confluent_kafka_cluster.main.id
    api_version = confluent_kafka_cluster.main.api_version
    kind        = confluent_kafka_cluster.main.kind

    environment {
      id = confluent_environment.main.id
    }
  }

  # the key must not be used before its owner may administer the cluster
  depends_on = [confluent_role_binding.manager_environment_admin]
}

resource "confluent_api_key" "manager_schema_registry" {
  display_name = "${local.name}-manager-schema-registry"
  description  = "Schema Registry API key of ${local.name}-manager (Terraform only)"

  owner {
    id          = confluent_service_account.manager.id
    api_version = confluent_service_account.manager.api_version
    kind        = confluent_service_account.manager.kind
  }

  managed_resource {
    id          = data.confluent_schema_registry_cluster.main.id
    api_version = data.confluent_schema_registry_cluster.main.api_version
    kind        = data.confluent_schema_registry_cluster.main.kind

    environment {
      id = confluent_environment.main.id
    }
  }

  depends_on = [confluent_role_binding.manager_environment_admin]
}

locals {
  kafka_rest_endpoint = confluent_kafka_cluster.main.rest_endpoint
  bootstrap_servers   = replace(confluent_kafka_cluster.main.bootstrap_endpoint, "SASL_SSL://", "")
  sr_rest_endpoint    = data.confluent_schema_registry_cluster.main.rest_endpoint

  # Stream Catalog's qualified name of a topic is <schema registry id>:<kafka cluster id>:<topic>
  catalog_topic_prefix = "${data.confluent_schema_registry_cluster.main.id}:${confluent_kafka_cluster.main.id}"
}
