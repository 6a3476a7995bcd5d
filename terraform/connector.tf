# Optional (enable_mongodb_atlas_sink = true): the original demo's fully managed MongoDB Atlas Sink
# connector on the topics mongo-sink drains, with its own service account and the ACLs Confluent
# documents for managed sink connectors (describe the cluster, read the topics and its connect-lcc-
# group, create/write its dlq-lcc-, success-lcc- and error-lcc- topics).

locals {
  atlas_sink_topics = try(var.principals["mongo-sink"].reads, [])

  atlas_sink_acls = merge(
    {
      "CLUSTER/kafka-cluster/DESCRIBE" = { resource_type = "CLUSTER", resource_name = "kafka-cluster", pattern_type = "LITERAL", operation = "DESCRIBE" }
      "GROUP/connect-lcc-/READ"        = { resource_type = "GROUP", resource_name = "connect-lcc-", pattern_type = "PREFIXED", operation = "READ" }
    },
    {
      for topic in local.atlas_sink_topics : "TOPIC/${topic}/READ" => {
        resource_type = "TOPIC", resource_name = topic, pattern_type = "LITERAL", operation = "READ"
      }
    },
    {
      for pair in setproduct(["dlq-lcc-", "success-lcc-", "error-lcc-"], ["CREATE", "WRITE"]) : "TOPIC/${pair[0]}/${pair[1]}" => {
        resource_type = "TOPIC", resource_name = pair[0], pattern_type = "PREFIXED", operation = pair[1]
      }
    },
  )
}

resource "confluent_service_account" "atlas_sink" {
  count = var.enable_mongodb_atlas_sink ? 1 : 0

  display_name = "${local.name}-mongodb-atlas-sink"
  description  = "Managed MongoDB Atlas Sink connector of ${local.name}"
}

resource "confluent_kafka_acl" "atlas_sink" {
  for_each = { for key, acl in local.atlas_sink_acls : key => acl if var.enable_mongodb_atlas_sink }

  kafka_cluster {
    id = confluent_kafka_cluster.main.id
  }

  resource_type = each.value.resource_type
  resource_name = each.value.resource_name
  pattern_type  = each.value.pattern_type
  principal     = "User:${confluent_service_account.atlas_sink[0].id}"
  host          = "*"
  operation     = each.value.operation
  permission    = "ALLOW"

  rest_endpoint = local.kafka_rest_endpoint
  credentials {
    key    = confluent_api_key.manager_kafka.id
    secret = confluent_api_key.manager_kafka.secret
  }
}

resource "confluent_connector" "atlas_sink" {
  count = var.enable_mongodb_atlas_sink ? 1 : 0

  environment {
    id = confluent_environment.main.id
  }
  kafka_cluster {
    id = confluent_kafka_cluster.main.id
  }

  config_sensitive = {
    "connection.password" = var.mongodb_atlas_password
  }

  config_nonsensitive = {
    "connector.class"          = "MongoDbAtlasSink"
    "name"                     = "${local.name}-mongodb-atlas-sink"
    "kafka.auth.mode"          = "SERVICE_ACCOUNT"
    "kafka.service.account.id" = confluent_service_account.atlas_sink[0].id
    "topics"                   = join(",", local.atlas_sink_topics)
    "input.data.format"        = "JSON"
    "connection.host"          = var.mongodb_atlas_host
    "connection.user"          = var.mongodb_atlas_user
    "database"                 = var.mongodb_database
    "collection"               = var.mongodb_collection
    # one document per job, replaced on every update, as mongo-sink does
    "doc.id.strategy"                               = "PartialValueStrategy"
    "doc.id.strategy.partial.value.projection.list" = "job_id"
    "doc.id.strategy.partial.value.projection.type" = "AllowList"
    "tasks.max"                                     = "1"
  }

  lifecycle {
    precondition {
      condition     = var.mongodb_atlas_host != "" && var.mongodb_atlas_user != "" && var.mongodb_atlas_password != ""
      error_message = "enable_mongodb_atlas_sink needs mongodb_atlas_host, mongodb_atlas_user and mongodb_atlas_password."
    }
  }

  depends_on = [confluent_kafka_acl.atlas_sink, confluent_kafka_topic.all]
}
