/** Share links: the rubric text deflated and base64url-encoded in the URL's hash. */
import { strFromU8, strToU8, unzlibSync, zlibSync } from "fflate";

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function encodeShare(name: string, text: string): string {
  return `#share=${toBase64Url(zlibSync(strToU8(text), { level: 9 }))}&name=${encodeURIComponent(name)}`;
}

/** The shared rubric in a URL hash, or undefined when there is none (or it is damaged). */
export function decodeShare(hash: string): { name: string; text: string } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const data = params.get("share");
  if (!data) return undefined;
  try {
    return { name: params.get("name") ?? "分享的评价体系.zs", text: strFromU8(unzlibSync(fromBase64Url(data))) };
  } catch {
    return undefined;
  }
}
