# Mock data for `terraform test` (Terraform 1.7+): every whoami privileges
# check passes, for the same placeholder account on each platform.
#
#   mock_provider "whoami" {
#     source = "./tests/mocks/whoami-all-granted" # this directory, copied into the module
#   }
#
# OpenTofu has no `source` on mock_provider: paste the mock_data blocks below
# into the mock_provider "whoami" block of each test file instead.
#
# Only computed attributes are taken from here; `required` and `enforce` keep
# what the configuration says (enforce is false when the configuration leaves
# it out). Whatever is not listed here, Terraform generates: empty
# collections, false, 0, and random 8-character strings. The values are
# static and cannot depend on `required`, so `privileges` and `reasons` stay
# empty: a module that reads them sets them with override_data in its tests.
#
# all_granted is true only because missing and unknown are both empty: to
# make a chosen set missing, override missing, all_granted (false) and reasons
# together (see the guide "Testing modules that use whoami").

# Qumulo: user "svc-terraform", id 1026.

mock_data "whoami_qumulo_current_user" {
  defaults = {
    id                  = "1026"
    name                = "svc-terraform"
    sid                 = "S-1-5-21-0-0-0-1026"
    uid                 = "2001"
    primary_group       = "513"
    home_directory      = "/home/svc-terraform"
    can_change_password = false
    privileges          = []
    access_token_id     = null
  }
}

mock_data "whoami_qumulo_current_privileges" {
  defaults = {
    id          = "1026"
    principal   = "Qumulo user \"svc-terraform\" (id 1026)"
    all_granted = true
    missing     = []
    unknown     = []
    reasons     = {}
    privileges  = []
    roles       = []
  }
}

# Elastic Cloud Enterprise: user "svc-terraform" (ECE's id is the user name).

mock_data "whoami_ece_current_user" {
  defaults = {
    id        = "svc-terraform"
    user_name = "svc-terraform"
    full_name = "Terraform service account"
    email     = "svc-terraform@example.com"
    builtin   = false
    metadata = {
      created_at     = "2024-01-01T00:00:00Z"
      created_by     = "admin"
      first_login_at = null
      last_login_at  = null
      updated_at     = "2024-01-01T00:00:00Z"
      updated_by     = "admin"
    }
    security = {
      enabled              = true
      roles                = []
      permissions          = []
      elevated_permissions = { enabled = false, expires_at = null }
      security_realm       = { id = "native", type = "native" }
    }
  }
}

mock_data "whoami_ece_current_privileges" {
  defaults = {
    id                   = "svc-terraform"
    principal            = "ECE user \"svc-terraform\""
    all_granted          = true
    missing              = []
    unknown              = []
    reasons              = {}
    privileges           = []
    builtin              = false
    roles                = []
    permissions          = []
    elevated_permissions = { enabled = false, expires_at = null }
  }
}

# Juniper Mist: admin svc-terraform@example.com.

mock_data "whoami_mist_current_user" {
  defaults = {
    id                     = "00000000-0000-4000-8000-000000001026"
    admin_id               = "00000000-0000-4000-8000-000000001026"
    email                  = "svc-terraform@example.com"
    first_name             = "Terraform"
    last_name              = "Service"
    tags                   = []
    name                   = null
    compliance_status      = null
    phone                  = null
    phone2                 = null
    password_modified_time = "2024-01-01T00:00:00Z"
    # privileges (a list of objects) is left to Terraform, which makes it [];
    # Terraform 1.11 rejects [] written here ("expected object type, found tuple").
  }
}

mock_data "whoami_mist_current_privileges" {
  defaults = {
    id          = "00000000-0000-4000-8000-000000001026"
    principal   = "Mist admin svc-terraform@example.com"
    all_granted = true
    missing     = []
    unknown     = []
    reasons     = {}
    privileges  = []
    # privilege_objects: [], made by Terraform (see privileges above).
  }
}

# AWX / Ansible Automation Platform: user "svc-terraform", id 7.

mock_data "whoami_awx_current_user" {
  defaults = {
    id                = "7"
    username          = "svc-terraform"
    first_name        = "Terraform"
    last_name         = "Service"
    email             = "svc-terraform@example.com"
    type              = "user"
    url               = "/api/v2/users/7/"
    is_superuser      = false
    is_system_auditor = false
    created           = "2024-01-01T00:00:00Z"
    modified          = "2024-01-01T00:00:00Z"
    last_login        = null
    external_account  = null
    ldap_dn           = null
  }
}

mock_data "whoami_awx_current_privileges" {
  defaults = {
    id                = "7"
    principal         = "AWX user \"svc-terraform\" (id 7)"
    all_granted       = true
    missing           = []
    unknown           = []
    reasons           = {}
    privileges        = []
    roles             = []
    is_superuser      = false
    is_system_auditor = false
  }
}

# faynoSync: administrator "svc-terraform", signed in with a username and
# password (a team user would have a null id and an owner).

mock_data "whoami_faynosync_current_user" {
  defaults = {
    id              = "65f000000000000000001026"
    username        = "svc-terraform"
    credential_kind = "login"
    is_admin        = true
    owner           = null
  }
}

mock_data "whoami_faynosync_current_privileges" {
  defaults = {
    id          = "65f000000000000000001026"
    principal   = "faynoSync user \"svc-terraform\""
    all_granted = true
    missing     = []
    unknown     = []
    reasons     = {}
    privileges  = []
    is_admin    = true
    # permissions is null for an administrator, but Terraform 1.11 rejects
    # null for a nested object here, so it holds generated false flags.
  }
}
