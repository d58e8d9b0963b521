# A precondition on the resource that needs the right also makes it wait
# for the check, on Terraform and OpenTofu alike.
ephemeral "whoami_awx_current_privileges" "launch" {
  required = ["job_template:42:execute"]
}

resource "terraform_data" "launch" {
  input = "stands for a job launch"

  lifecycle {
    precondition {
      condition     = ephemeral.whoami_awx_current_privileges.launch.all_granted
      error_message = "The controller account may not run job template 42."
    }
  }
}
