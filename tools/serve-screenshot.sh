#!/usr/bin/env bash
# Remakes docs/images/serve.png: the browser test of `bravais serve` (tests/Bravais.Web.Tests/BrowserTests.cs) in
# headless Chromium, with three example patterns classified by a search–match model built from examples/structures.
# Needs: apt-get install chromium chromium-driver
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/images
BRAVAIS_SCREENSHOT="$PWD/docs/images/serve.png" dotnet test tests/Bravais.Web.Tests -c Release --filter "FullyQualifiedName~BrowserTests"
echo "wrote docs/images/serve.png"
