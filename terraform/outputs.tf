# One client.properties per service, producer and sink, with its own API key: what the jars and
# docker-compose.cloud.yaml run with. Written to client-properties/<name>.properties (mode 0600,
# git-ignored) and available as the sensitive output client_properties.

locals {
  client_properties = {
    for name, principal in var.principals : name => join("\n", [
      "# ${var.name_prefix}-${name} (${principal.kind}, service account ${confluent_service_account.app[name].id}): written by terraform apply",
      "bootstrap.servers=${local.bootstrap_servers}",
      "security.protocol=SASL_SSL",
      "sasl.mechanism=PLAIN",
      "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='${confluent_api_key.app[name].id}' password='${confluent_api_key.app[name].secret}';",
      "client.dns.lookup=use_all_dns_ips",
      "session.timeout.ms=45000",
      "# the topics come from Terraform: this service account may not create them",
      "streammesh.create.topics=false",
      "",
    ])
  }
}

resource "local_sensitive_file" "client_properties" {
  for_each = var.principals

  filename        = "${path.module}/${var.client_properties_dir}/${each.key}.properties"
  content         = local.client_properties[each.key]
  file_permission = "0600"
}

output "client_properties" {
  description = "client.properties of each service, producer and sink (terraform output -json client_properties)."
  value       = local.client_properties
  sensitive   = true
}

output "client_properties_files" {
  description = "Where apply wrote each principal's client.properties."
  value       = { for name, file in local_sensitive_file.client_properties : name => file.filename }
}

output "environment_id" {
  value = confluent_environment.main.id
}

output "kafka_cluster_id" {
  value = confluent_kafka_cluster.main.id
}

output "bootstrap_servers" {
  value = local.bootstrap_servers
}

output "schema_registry_rest_endpoint" {
  value = local.sr_rest_endpoint
}

output "service_accounts" {
  description = "The service account of each principal."
  value       = { for name, account in confluent_service_account.app : name => account.id }
}
