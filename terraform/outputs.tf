# Each service, producer and sink gets its own API key, written twice into client-properties/
# (git-ignored, mode 0600, owned by whoever runs terraform):
#   <name>.properties  a client.properties for jar runs (java -jar ... --config <file>);
#   <name>.env         the same as KAFKA_* / STREAMMESH_* variables, for docker-compose.cloud.yaml's
#                      env_file: Compose reads it as the user running it and hands the variables to
#                      the container, so the image's uid 10001 never has to read a 0600 file.
# Both are also the sensitive outputs client_properties and client_env.

locals {
  client_properties = {
    for name, principal in var.principals : name => join("\n", [
      "# ${local.name}-${name} (${principal.kind}, service account ${confluent_service_account.app[name].id}): written by terraform apply",
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

# One line a variable, unquoted (Compose, docker run --env-file and kubectl create secret --from-env-file
# all read that the same way); the jars map KAFKA_<NAME> to the property <name> (ConfigLoader).
locals {
  client_env = {
    for name, principal in var.principals : name => join("\n", [
      "# ${local.name}-${name} (${principal.kind}, service account ${confluent_service_account.app[name].id}): written by terraform apply",
      "KAFKA_BOOTSTRAP_SERVERS=${local.bootstrap_servers}",
      "KAFKA_SECURITY_PROTOCOL=SASL_SSL",
      "KAFKA_SASL_MECHANISM=PLAIN",
      "KAFKA_SASL_JAAS_CONFIG=org.apache.kafka.common.security.plain.PlainLoginModule required username='${confluent_api_key.app[name].id}' password='${confluent_api_key.app[name].secret}';",
      "KAFKA_CLIENT_DNS_LOOKUP=use_all_dns_ips",
      "KAFKA_SESSION_TIMEOUT_MS=45000",
      "# the topics come from Terraform: this service account may not create them",
      "STREAMMESH_CREATE_TOPICS=false",
      "",
    ])
  }
}

resource "local_sensitive_file" "client_env" {
  for_each = var.principals

  filename        = "${path.module}/${var.client_properties_dir}/${each.key}.env"
  content         = local.client_env[each.key]
  file_permission = "0600"
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

output "client_env" {
  description = "The env file of each service, producer and sink (terraform output -json client_env)."
  value       = local.client_env
  sensitive   = true
}

output "client_properties_files" {
  description = "Where apply wrote each principal's client.properties."
  value       = { for name, file in local_sensitive_file.client_properties : name => file.filename }
}

output "client_env_files" {
  description = "Where apply wrote each principal's env file (docker-compose.cloud.yaml's env_file)."
  value       = { for name, file in local_sensitive_file.client_env : name => file.filename }
}

output "name" {
  description = "The name every resource starts with: name_prefix and the random suffix."
  value       = local.name
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
