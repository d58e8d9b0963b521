# Fail the plan unless the API key may create and update deployments.
# A requirement is an API operation id, or role:<role>.
data "whoami_ece_current_privileges" "deployer" {
  required = ["create-deployment", "update-deployment", "role:ece_deployment_manager"]
  enforce  = true
}

# Elevated permissions are reported, not evaluated.
output "ece_elevated" {
  value = data.whoami_ece_current_privileges.deployer.elevated_permissions
}
