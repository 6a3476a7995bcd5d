# Every topic of the spec and every dead-letter topic: 6 partitions, tables (changelogs) compacted.
resource "confluent_kafka_topic" "all" {
  for_each = var.topics

  kafka_cluster {
    id = confluent_kafka_cluster.main.id
  }

  topic_name       = each.key
  partitions_count = each.value.partitions
  config = {
    "cleanup.policy" = each.value.cleanup_policy
  }

  rest_endpoint = local.kafka_rest_endpoint
  credentials {
    key    = confluent_api_key.manager_kafka.id
    secret = confluent_api_key.manager_kafka.secret
  }
}
