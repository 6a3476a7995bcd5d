# One service account and one Kafka API key per service, producer and sink, with exactly the ACLs
# its topology needs (read its inputs, write its outputs and dead-letter topic, its consumer group,
# its internal topics and transactional ids under <application.id>-, idempotent writes).

resource "confluent_service_account" "app" {
  for_each = var.principals

  display_name = "${local.name}-${each.key}"
  description  = each.value.description
}

resource "confluent_api_key" "app" {
  for_each = var.principals

  display_name = "${local.name}-${each.key}"
  description  = "Kafka API key of ${local.name}-${each.key}"

  owner {
    id          = confluent_service_account.app[each.key].id
    api_version = confluent_service_account.app[each.key].api_version
    kind        = confluent_service_account.app[each.key].kind
  }

  managed_resource {
    id          = confluent_kafka_cluster.main.id
    api_version = confluent_kafka_cluster.main.api_version
    kind        = confluent_kafka_cluster.main.kind

    environment {
      id = confluent_environment.main.id
    }
  }
}

resource "confluent_kafka_acl" "app" {
  for_each = var.acls

  kafka_cluster {
    id = confluent_kafka_cluster.main.id
  }

  resource_type = each.value.resource_type
  resource_name = each.value.resource_name
  pattern_type  = each.value.pattern_type
  principal     = "User:${confluent_service_account.app[each.value.principal].id}"
  host          = "*"
  operation     = each.value.operation
  permission    = "ALLOW"

  rest_endpoint = local.kafka_rest_endpoint
  credentials {
    key    = confluent_api_key.manager_kafka.id
    secret = confluent_api_key.manager_kafka.secret
  }
}
