#!/usr/bin/env bash
# Installs what the test suite needs on a bare Debian machine: OpenSSH's server (the SFTP tests start their own
# sshd), PostgreSQL (the ADO.NET source tests), OpenLDAP's slapd (check-logins), aiosmtpd (notifications) and Chromium
# (the run report's charts). Each test starts its own server on a free loopback port. Does nothing when all are present.
set -euo pipefail

need=()
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v pg_ctlcluster >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
# check-logins tests: their own OpenLDAP slapd on a free port (the package may also start a system slapd on 389,
# which the tests neither use nor mind), slapadd to seed it, openssl for its self-signed certificate.
[ -x /usr/sbin/slapd ] || need+=(slapd)
command -v ldapsearch >/dev/null 2>&1 || need+=(ldap-utils)
# The notification tests start Debian's aiosmtpd with the system Python (a pyenv or venv python may lack it).
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# The run report test renders the HTML report in headless Chromium.
command -v chromium >/dev/null 2>&1 || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${need[*]}. Install them (sudo apt-get install -y ${need[*]}) and run again." >&2
    exit 1
  fi
  echo "Installing ${need[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
