#!/usr/bin/env bash
# Documents smoke test: the safety case report, the handover pack and a meeting's minutes, made
# by the binary from the bundled example, are opened by LibreOffice (headless) and converted to
# PDF. A document Word or LibreOffice would need to repair fails to convert, or converts empty.
#
# Usage: tests/smoke/documents-open.sh [BINARY] [OUT_DIR]
#   BINARY   default target/release/hazard-workshop
#   OUT_DIR  default target/smoke/documents
# Needs: libreoffice-writer-nogui, poppler-utils (pdfinfo).
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${1:-target/release/hazard-workshop}
OUT=${2:-target/smoke/documents}
[ -x "$BIN" ] || { echo "documents: $BIN is not built" >&2; exit 2; }
for tool in soffice pdfinfo timeout; do
  command -v "$tool" >/dev/null || { echo "documents: $tool is missing (apt-get install libreoffice-writer-nogui poppler-utils)" >&2; exit 2; }
done
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT

"$BIN" export-report assets/example-workshop.hazlog "$OUT/safety-case-report.docx" >/dev/null
"$BIN" export-handover assets/example-workshop.hazlog "$OUT/handover-pack.docx" >/dev/null

status=0
for doc in safety-case-report handover-pack; do
  # A private profile, so a user's own LibreOffice and parallel runs do not interfere.
  timeout 240 soffice -env:UserInstallation=file://"$PROFILE" --headless \
    --convert-to pdf --outdir "$OUT" "$OUT/$doc.docx" >"$OUT/$doc.log" 2>&1 || true
  pages=$(pdfinfo "$OUT/$doc.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  if [ -n "$pages" ] && [ "$pages" -ge 1 ]; then
    echo "documents: ok   $doc.docx opens in LibreOffice ($pages pages)"
  else
    echo "documents: FAIL $doc.docx did not convert; LibreOffice said:"
    cat "$OUT/$doc.log"
    status=1
  fi
done
exit "$status"
