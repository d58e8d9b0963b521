# Every privilege granted: the kit's values, with nothing overridden.

mock_provider "whoami" {
  source = "../mocks/all-granted"
}

run "all_granted" {
  command = plan

  assert {
    condition     = output.caller == "Qumulo user \"svc-terraform\" (id 1026)"
    error_message = "Unexpected caller: ${output.caller}."
  }

  assert {
    condition     = terraform_data.quota["/projects"].input.owner == "svc-terraform"
    error_message = "The quota is not planned for svc-terraform."
  }
}
