#!/usr/bin/env bash
# Installs every Debian 12 package NBRA needs to build, test and run. Idempotent and
# non-interactive: when everything is present it only checks (about a second) and exits.
# Uses sudo when not run as root.
set -euo pipefail

packages=(
  # toolchain; clang and its runtime libraries build the libFuzzer harnesses (scripts/fuzz.sh)
  cmake ninja-build g++ pkg-config clang libclang-rt-14-dev
  # Qt 6: the two Recommends (OpenGL dev, SQLite driver) are required, see shared toolchain notes
  qt6-base-dev libqt6opengl6-dev libqt6sql6-sqlite
  # Qt Charts draws the results plots (waterfall, spider, swimmer; docs/results.md)
  qt6-charts-dev
  # imaging libraries
  libvtk9-dev libinsighttoolkit5-dev libdcmtk-dev libsqlite3-dev
  # tests and benchmarks (dcm2niix is the reference loader the volume benchmark races; the
  # dcmtk tools write and inspect test fixtures)
  libgtest-dev libgmock-dev libbenchmark-dev dcm2niix dcmtk
  # dciodvfy (DICOM standard conformance of the generated data-samples/synthetic objects)
  dicom3tools
  # JSON Schema validation of the exchange formats (scripts/validate-json.py)
  python3-jsonschema
  # headless GUI runs and screenshots
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  # trial record: password hashes, the PostgreSQL server and Qt driver, PDF-to-PNG for checks
  libsodium-dev postgresql libqt6sql6-psql poppler-utils
  # image archive peer for the PACS and DICOMweb tests (a real Orthanc on loopback) and the
  # openssl command that makes the throwaway TLS certificates of those tests
  orthanc orthanc-dicomweb openssl
  # civetweb (Orthanc's web server) loads the unversioned libssl.so and libcrypto.so: libssl-dev
  libssl-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
$sudo apt-get update -qq
# --force-unsafe-io skips fsync: about a quarter faster, and safe for a package install that
# can simply be repeated if the machine dies halfway.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-unsafe-io "${missing[@]}"
echo "install-deps: done"
