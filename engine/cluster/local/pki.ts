// Certificates for a real, TLS-everywhere cluster: one CA signs every serving and client
// certificate; RBAC identities come from the subject (CN = user, O = group).
// openssl does the work: Node's crypto cannot issue X.509 certificates (it reads them: renewal.ts).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";

export interface CertRequest {
  /** File stem: <stem>.crt and <stem>.key under the pki directory. */
  stem: string;
  cn: string;
  org?: string;
  /** Subject alternative names: "DNS:x" or "IP:1.2.3.4". */
  sans?: string[];
  usage: "server" | "client" | "both";
}

/** The CA for ten years, like kubeadm's; every other certificate for one (renewal.ts renews them before they end). */
export const CA_DAYS = 3650;
export const LEAF_DAYS = 365;

/** renew: issue it again even though it exists (renewal.ts decided it is due). */
export async function ensureCa(pki: string, renew = false): Promise<void> {
  await mkdir(pki, { recursive: true, mode: 0o700 });
  if (renew) await rm(path.join(pki, "ca.crt"), { force: true });
  if (existsSync(path.join(pki, "ca.crt"))) return;
  await genKey(path.join(pki, "ca.key"));
  await execa("openssl", ["req", "-x509", "-new", "-key", path.join(pki, "ca.key"), "-sha256", "-days", String(CA_DAYS), "-subj", "/CN=kubecuke-ca", "-out", path.join(pki, "ca.crt"),
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"]);
}

export async function ensureCert(pki: string, req: CertRequest, renew = false): Promise<void> {
  const crt = path.join(pki, `${req.stem}.crt`);
  if (renew) await rm(crt, { force: true });
  if (existsSync(crt)) return;
  const key = path.join(pki, `${req.stem}.key`);
  const csr = path.join(pki, `${req.stem}.csr`);
  const ext = path.join(pki, `${req.stem}.ext`);
  await genKey(key);
  const subj = `${req.org ? `/O=${req.org}` : ""}/CN=${req.cn}`;
  await execa("openssl", ["req", "-new", "-key", key, "-subj", subj, "-out", csr]);
  const eku = { server: "serverAuth", client: "clientAuth", both: "serverAuth,clientAuth" }[req.usage];
  const lines = ["basicConstraints=CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment", `extendedKeyUsage=${eku}`];
  if (req.sans?.length) lines.push(`subjectAltName=${req.sans.join(",")}`);
  await writeFile(ext, lines.join("\n") + "\n");
  // a random serial of its own: -CAcreateserial's shared ca.srl would race when certificates are made at once
  await execa("openssl", ["x509", "-req", "-in", csr, "-CA", path.join(pki, "ca.crt"), "-CAkey", path.join(pki, "ca.key"), "-set_serial", `0x${randomBytes(16).toString("hex")}`,
    "-days", String(LEAF_DAYS), "-sha256", "-extfile", ext, "-out", crt]);
}

/** The service-account token signing key pair (not a certificate). */
export async function ensureServiceAccountKey(pki: string): Promise<void> {
  if (existsSync(path.join(pki, "sa.key"))) return;
  await genKey(path.join(pki, "sa.key"));
  await execa("openssl", ["ec", "-in", path.join(pki, "sa.key"), "-pubout", "-out", path.join(pki, "sa.pub")]);
}

async function genKey(file: string): Promise<void> {
  // P-256 keys: generated in milliseconds, where RSA-2048 costs a noticeable part of a warm `up`.
  await execa("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file]);
  await execa("chmod", ["600", file]);
}
