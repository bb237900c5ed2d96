#!/usr/bin/env bash
# Renders every rubric of rules/ as the officer receives it: DOCX and XLSX exported by the CLI
# (official when `check --publish` passes, else --draft), converted to PDF by LibreOffice and to PNG
# pages by pdftoppm, for looking at every page. Needs soffice and pdftoppm (not part of CI):
#   apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc poppler-utils
# Usage: bash packages/publish/scripts/render-pages.sh [out-dir] [dpi]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="${1:-/tmp/zhunsheng-pages}"
dpi="${2:-60}"
mkdir -p "$out"
rm -rf "${out:?}"/*
cd "$root"
npm run build --silent >/dev/null
find rules -name "*.zs" -path "*${FILTER:-}*" | sort | while read -r f; do
  name="$(echo "${f#rules/}" | sed 's#/#_#g; s#\.zs$##')"
  for fmt in docx xlsx; do
    mkdir -p "$out/$fmt"
    if ! node packages/cli/bin/zhunsheng.js export "$f" --format "$fmt" --out "$out/$fmt/$name.$fmt" 2>/dev/null; then
      node packages/cli/bin/zhunsheng.js export "$f" --format "$fmt" --draft --regenerate --out "$out/$fmt/$name-征求意见稿.$fmt" 2>/dev/null || echo "$fmt $name: refused (check --publish lists why)"
    fi
  done
done
for fmt in docx xlsx; do
  soffice --headless "-env:UserInstallation=file://$out/.profile" --convert-to pdf --outdir "$out/$fmt" "$out/$fmt"/*."$fmt" >/dev/null 2>&1
  for pdf in "$out/$fmt"/*.pdf; do
    pdftoppm -r "$dpi" -png "$pdf" "${pdf%.pdf}"
    echo "$fmt $(basename "$pdf" .pdf): $(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages"
  done
done
