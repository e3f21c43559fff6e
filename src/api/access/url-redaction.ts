/**
 * Credentials sent in a query string are never written anywhere: the request log and the
 * `instance` of problem documents show such a parameter's value as `[redacted]`. dnsledger
 * reads keys from headers only, but clients try `?api_key=` anyway, and a key in a log is a
 * key anyone with the log can use.
 */
const CREDENTIAL_WORDS = ['key', 'token', 'secret', 'pass', 'pwd', 'auth', 'credential',
  'session', 'signature']

function decodedName (raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '))
  } catch {
    return raw
  }
}

/** A query parameter whose name says it carries a credential (api_key, access_token, ...). */
function isCredentialName (name: string): boolean {
  const lower = name.toLowerCase()
  return CREDENTIAL_WORDS.some((word) => lower.includes(word))
}

/** The URL as sent, but with every credential-like query value replaced. */
export function redactUrl (url: string): string {
  const mark = url.indexOf('?')
  if (mark < 0) return url

  const pairs = url.slice(mark + 1).split('&').map((pair) => {
    const equals = pair.indexOf('=')
    const name = equals < 0 ? pair : pair.slice(0, equals)
    return isCredentialName(decodedName(name)) ? `${name}=[redacted]` : pair
  })

  return `${url.slice(0, mark + 1)}${pairs.join('&')}`
}

/** The names of credential-like parameters in a URL's query, decoded. */
export function credentialNamesIn (url: string): string[] {
  const mark = url.indexOf('?')
  if (mark < 0) return []

  return url.slice(mark + 1).split('&')
    .map((pair) => decodedName(pair.split('=', 1)[0] as string))
    .filter(isCredentialName)
}
