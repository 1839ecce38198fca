#!/usr/bin/env bash
# Renders bpmn/patient-journey.bpmn to docs/patient-journey.svg from the model itself (its BPMN DI), with
# bpmn-js (the modelers' own renderer) in a headless Chromium. Needs chromium and npm
# (Debian: apt-get install chromium npm). Run it after every change to the model and commit the picture.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

model=${1:-bpmn/patient-journey.bpmn}
out=${2:-docs/patient-journey.svg}
work=target/bpmn-render
bpmn_js_version=18.6.2

command -v chromium >/dev/null || { echo "render-bpmn: chromium not found (apt-get install chromium)" >&2; exit 1; }
command -v npm >/dev/null || { echo "render-bpmn: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p "$work" "$(dirname "$out")"
if [ ! -f "$work/node_modules/bpmn-js/package.json" ] \
    || ! grep -q "\"version\": \"$bpmn_js_version\"" "$work/node_modules/bpmn-js/package.json"; then
  npm install --silent --no-save --no-audit --no-fund --prefix "$work" "bpmn-js@$bpmn_js_version" >/dev/null
fi

# The page imports the model and writes the SVG that bpmn-js exports into the document, which Chromium dumps.
python3 - "$model" "$work" <<'PY'
import json, sys
model, work = sys.argv[1], sys.argv[2]
xml = open(model, encoding="utf-8").read()
page = """<!doctype html><html><head><meta charset="utf-8">
<script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script></head>
<body><div id="canvas" style="width:4000px;height:1400px"></div><pre id="out"></pre><script>
const viewer = new BpmnJS({ container: '#canvas' });
viewer.importXML(%s)
  .then(() => viewer.saveSVG())
  .then(({ svg }) => { document.getElementById('out').textContent = svg; })
  .catch(e => { document.getElementById('out').textContent = 'RENDER-ERROR ' + e; });
</script></body></html>""" % json.dumps(xml)
open(work + "/render.html", "w", encoding="utf-8").write(page)
PY

chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=10000 \
  --dump-dom "file://$PWD/$work/render.html" 2>/dev/null >"$work/dom.html"
python3 - "$work/dom.html" "$out" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
match = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
svg = html.unescape(match.group(1)) if match else ""
if not svg.startswith("<?xml") and not svg.startswith("<svg"):
    sys.exit("render-bpmn: bpmn-js did not render the model: " + svg[:300])
open(sys.argv[2], "w", encoding="utf-8").write(svg.strip() + "\n")
PY
echo "rendered $model to $out"
