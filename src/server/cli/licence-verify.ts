/**
 * Checks a 亮证 code offline (no server, no database): its Ed25519 signature against the public keys
 * GET /api/v1/licences/keys publishes, and its five minutes. What only the server knows — whether
 * the licence was revoked since, whether the code was already used — needs GET /api/v1/licences/verify.
 *
 *   npm run licence:verify -- --keys keys.json <code or the verify link from the QR code>
 */
import { readFileSync } from 'node:fs';
import { decodeCode, publicKeyFromRaw } from '../modules/licences/index.js';
import { LICENCE_CODE_REASONS } from '../../shared/licences.js';

function usage(message: string): never {
  process.stderr.write(`${message}\n用法 usage: npm run licence:verify -- --keys keys.json <证照码或核验链接 code or verify link>\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const keysAt = args.indexOf('--keys');
if (keysAt < 0 || !args[keysAt + 1]) usage('缺少 --keys：先保存 GET /api/v1/licences/keys 的应答 (save the answer of GET /api/v1/licences/keys)');
const keysFile = args[keysAt + 1]!;
const input = args.filter((_, i) => i !== keysAt && i !== keysAt + 1)[0];
if (!input) usage('缺少证照码 (no code given)');

let token = input;
if (/^https?:\/\//.test(input)) token = new URL(input).searchParams.get('token') ?? usage('链接中没有 token (the link has no token)');

const published = JSON.parse(readFileSync(keysFile, 'utf8')) as { keys?: { kid: string; publicKey: string }[] };
const keys = new Map((published.keys ?? []).map((k) => [k.kid, publicKeyFromRaw(k.publicKey)]));
if (!keys.size) usage(`${keysFile} 中没有公钥 (no keys in ${keysFile})`);

const result = decodeCode(token, (kid) => keys.get(kid), Math.floor(Date.now() / 1000));
if (!result.ok) {
  process.stdout.write(`不通过 INVALID: ${LICENCE_CODE_REASONS[result.reason]} (${result.reason})\n`);
  process.exit(1);
}
const p = result.payload;
const lines = [
  '签名和时间校验通过（离线核验：证照此后是否注销、此码是否已用过，需联网核验）',
  'signature and time OK (offline: whether the licence was revoked since or the code already used needs the online check)',
  `证照类型 ${p.t}`, `持证人 ${p.hn ?? p.hm}`, `证照编号 ${p.num}`, `发证机关 ${p.iss}`, `发证日期 ${p.io}`, `有效期至 ${p.vu ?? '长期'}`,
  ...p.f.map(([label, value]) => `${label} ${value}`),
  `亮证时间 ${new Date(p.iat * 1000).toISOString()}，有效至 ${new Date(p.exp * 1000).toISOString()}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
