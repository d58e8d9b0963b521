# A saved plan applied by a later job: the apply job checks its own API key,
# when it applies, so a permission revoked since the plan stops the apply
# before the deployment changes.
ephemeral "whoami_ece_current_privileges" "deployer" {
  required = ["create-deployment", "update-deployment"]
  enforce  = true
}

resource "terraform_data" "deployment" {
  input      = "stands for the deployment resources"
  depends_on = [ephemeral.whoami_ece_current_privileges.deployer]
}
