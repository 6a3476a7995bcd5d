# Stream Governance: the data products' value schemas in Schema Registry, and in the Stream Catalog
# the DataProduct tag and the business metadata of the data-mesh walkthrough (Team details, Domain
# details, Data Product details) bound to each data-product topic, all from the descriptors.
#
# Business metadata needs the ADVANCED package: with ESSENTIALS it and its bindings are left out
# (local.business_metadata_enabled). A binding names a topic the catalog must already know: each
# one waits for every topic and every schema (the catalog learns a topic from the cluster, and
# the provider retries while it has not yet).

locals {
  tag_bindings = merge({}, [
    for topic, product in var.data_products : {
      for tag in product.tags : "${topic}/${tag}" => { topic = topic, tag = tag }
    }
  ]...)

  business_metadata_bindings = !local.business_metadata_enabled ? {} : merge({}, [
    for topic, product in var.data_products : {
      for kind, attributes in product.business_metadata : "${topic}/${kind}" => {
        topic      = topic
        kind       = kind
        attributes = attributes
      }
    }
  ]...)
}

resource "confluent_schema" "value" {
  for_each = var.schemas

  schema_registry_cluster {
    id = data.confluent_schema_registry_cluster.main.id
  }
  rest_endpoint = local.sr_rest_endpoint

  # TopicNameStrategy: <topic>-value
  subject_name = "${confluent_kafka_topic.all[each.value.topic].topic_name}-value"
  format       = each.value.format
  schema       = each.value.schema

  credentials {
    key    = confluent_api_key.manager_schema_registry.id
    secret = confluent_api_key.manager_schema_registry.secret
  }
}

resource "confluent_tag" "all" {
  for_each = var.tags

  schema_registry_cluster {
    id = data.confluent_schema_registry_cluster.main.id
  }
  rest_endpoint = local.sr_rest_endpoint
  credentials {
    key    = confluent_api_key.manager_schema_registry.id
    secret = confluent_api_key.manager_schema_registry.secret
  }

  name        = each.key
  description = each.value.description
}

resource "confluent_tag_binding" "data_product" {
  for_each = local.tag_bindings

  schema_registry_cluster {
    id = data.confluent_schema_registry_cluster.main.id
  }
  rest_endpoint = local.sr_rest_endpoint
  credentials {
    key    = confluent_api_key.manager_schema_registry.id
    secret = confluent_api_key.manager_schema_registry.secret
  }

  tag_name    = confluent_tag.all[each.value.tag].name
  entity_name = "${local.catalog_topic_prefix}:${confluent_kafka_topic.all[each.value.topic].topic_name}"
  entity_type = "kafka_topic"

  depends_on = [confluent_kafka_topic.all, confluent_schema.value]
}

resource "confluent_business_metadata" "all" {
  for_each = local.business_metadata_enabled ? var.business_metadata : {}

  schema_registry_cluster {
    id = data.confluent_schema_registry_cluster.main.id
  }
  rest_endpoint = local.sr_rest_endpoint
  credentials {
    key    = confluent_api_key.manager_schema_registry.id
    secret = confluent_api_key.manager_schema_registry.secret
  }

  name        = each.key
  description = each.value.description

  # optional: a data product's descriptor may not give every attribute
  dynamic "attribute_definition" {
    for_each = each.value.attributes
    content {
      name        = attribute_definition.value
      is_optional = true
    }
  }
}

resource "confluent_business_metadata_binding" "data_product" {
  for_each = local.business_metadata_bindings

  schema_registry_cluster {
    id = data.confluent_schema_registry_cluster.main.id
  }
  rest_endpoint = local.sr_rest_endpoint
  credentials {
    key    = confluent_api_key.manager_schema_registry.id
    secret = confluent_api_key.manager_schema_registry.secret
  }

  business_metadata_name = confluent_business_metadata.all[each.value.kind].name
  entity_name            = "${local.catalog_topic_prefix}:${confluent_kafka_topic.all[each.value.topic].topic_name}"
  entity_type            = "kafka_topic"
  attributes             = each.value.attributes

  depends_on = [confluent_kafka_topic.all, confluent_schema.value, confluent_tag_binding.data_product]
}
