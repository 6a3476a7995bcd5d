# ---------------------------------------------------------------------------------------------
# Your settings (terraform.tfvars, -var, or TF_VAR_<name>)
# ---------------------------------------------------------------------------------------------

variable "confluent_cloud_api_key" {
  description = "Confluent Cloud API key (Cloud resource management) of an OrganizationAdmin."
  type        = string
  sensitive   = true
}

variable "confluent_cloud_api_secret" {
  description = "Secret of confluent_cloud_api_key."
  type        = string
  sensitive   = true
}

variable "name_prefix" {
  description = "Prefix of the environment, cluster, service account and API key names; a random suffix drawn at the first apply follows it (<prefix>-<6 hex digits>)."
  type        = string
  default     = "streammesh"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.name_prefix))
    error_message = "name_prefix must start with a lowercase letter and hold at most 31 lowercase letters, digits and dashes."
  }
}

variable "cloud" {
  description = "Cloud provider of the Kafka cluster: AWS, GCP or AZURE."
  type        = string
  default     = "AWS"

  validation {
    condition     = contains(["AWS", "GCP", "AZURE"], var.cloud)
    error_message = "cloud must be AWS, GCP or AZURE."
  }
}

variable "region" {
  description = "Region of the Kafka cluster, e.g. us-east-2 (AWS), us-central1 (GCP), eastus (AZURE)."
  type        = string
  default     = "us-east-2"
}

variable "cluster_type" {
  description = "BASIC (cheapest, enough for the demo) or STANDARD."
  type        = string
  default     = "BASIC"

  validation {
    condition     = contains(["BASIC", "STANDARD"], var.cluster_type)
    error_message = "cluster_type must be BASIC or STANDARD."
  }
}

variable "stream_governance_package" {
  description = "Stream Governance package of the environment: ADVANCED (Stream Catalog business metadata) or ESSENTIALS (schemas and tags only: the business metadata and its bindings are then not created)."
  type        = string
  default     = "ADVANCED"

  validation {
    condition     = contains(["ESSENTIALS", "ADVANCED"], var.stream_governance_package)
    error_message = "stream_governance_package must be ESSENTIALS or ADVANCED."
  }
}

variable "client_properties_dir" {
  description = "Directory (relative to this one) where apply writes one <principal>.properties (jar runs) and one <principal>.env (docker compose env_file) per service, producer and sink."
  type        = string
  default     = "client-properties"
}

variable "enable_mongodb_atlas_sink" {
  description = "Also run the original demo's fully managed MongoDB Atlas Sink connector on job_status (instead of, or beside, mongo-sink)."
  type        = bool
  default     = false
}

variable "mongodb_atlas_host" {
  description = "MongoDB Atlas host for the managed sink, e.g. cluster0.abcde.mongodb.net."
  type        = string
  default     = ""
}

variable "mongodb_atlas_user" {
  description = "MongoDB Atlas database user for the managed sink."
  type        = string
  default     = ""
}

variable "mongodb_atlas_password" {
  description = "Password of mongodb_atlas_user."
  type        = string
  default     = ""
  sensitive   = true
}

variable "mongodb_database" {
  description = "Database the managed sink writes to."
  type        = string
  default     = "marketplace"
}

variable "mongodb_collection" {
  description = "Collection the managed sink writes to."
  type        = string
  default     = "job_status"
}

# ---------------------------------------------------------------------------------------------
# Generated from the code: generated.auto.tfvars.json (./streammesh terraform-vars). Do not set.
# ---------------------------------------------------------------------------------------------

variable "generated_by" {
  description = "Which command generated generated.auto.tfvars.json."
  type        = string
}

variable "topics" {
  description = "Every topic of the spec and every dead-letter topic."
  type = map(object({
    partitions     = number
    cleanup_policy = string
    description    = string
  }))
}

variable "principals" {
  description = "Every service, producer and sink: one service account and API key each."
  type = map(object({
    kind           = string
    module         = string
    description    = string
    application_id = string
    reads          = list(string)
    writes         = list(string)
  }))
}

variable "acls" {
  description = "Exactly the ACLs each principal needs, derived from its topology."
  type = map(object({
    principal     = string
    resource_type = string
    resource_name = string
    pattern_type  = string
    operation     = string
  }))
}

variable "schemas" {
  description = "Value schemas of the data products, by subject (<topic>-value)."
  type = map(object({
    topic  = string
    format = string
    schema = string
  }))
}

variable "tags" {
  description = "Stream Catalog tags used by the data products."
  type = map(object({
    description = string
  }))
}

variable "business_metadata" {
  description = "Business metadata definitions (Team details, Domain details, Data Product details) and their attributes."
  type = map(object({
    description = string
    attributes  = list(string)
  }))
}

variable "data_products" {
  description = "The data products: tags and business metadata values bound to their topics."
  type = map(object({
    name              = string
    description       = string
    tags              = list(string)
    business_metadata = map(map(string))
  }))
}
