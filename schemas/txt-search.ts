/**
 * The TXT search: its query string and its page. Exactly one of contains, prefix and exact;
 * unknown parameters are refused, as on every lookup.
 */
import { pageSchema } from './lookup-page.js'
import { fenceProperties, pagingProperties, shownFenceProperties } from './lookup-query.js'

/** Shorter texts match most TXT records and say little. */
export const TXT_CONTAINS_MIN_CHARS = 4

const TEXT_MAX_CHARS = 2048

export const txtSearchQuerySchema = {
  $id: 'TxtSearchQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    contains: {
      type: 'string',
      minLength: TXT_CONTAINS_MIN_CHARS,
      maxLength: TEXT_MAX_CHARS,
      description: 'Records with this text inside one of their strings, as the owner published ' +
        'it (quotes, backslashes, % and _ are plain characters); at least ' +
        `${TXT_CONTAINS_MIN_CHARS} characters. Case-sensitive unless ignore_case=true. ` +
        'Examines at most API_TXT_SCAN_LIMIT TXT records per request: a page may end early ' +
        'with scan_limited, follow next_cursor',
      examples: ['include:_spf.google.com', 'p=reject; fo=1']
    },
    prefix: {
      type: 'string',
      minLength: 1,
      maxLength: TEXT_MAX_CHARS,
      description: 'Records whose first string starts with this text (case-sensitive; an index ' +
        'range, fast at any size)',
      examples: ['v=spf1 include:_spfv4.corpmailsvcs.com']
    },
    exact: {
      type: 'string',
      minLength: 1,
      maxLength: TEXT_MAX_CHARS,
      description: 'Records whose whole value is this: one string as plain text, or the rdata ' +
        'exactly as this API shows it, each string in double quotes (a value starting with `"` ' +
        'is read that way). Case-sensitive; an index range',
      examples: ['v=spf1 include:_spfv4.corpmailsvcs.com -all']
    },
    ignore_case: {
      type: 'boolean',
      description: 'With contains: fold A-Z to a-z on both sides (ASCII only), for names such as ' +
        'SPF include: domains. Default false: tokens and keys are case-sensitive'
    },
    name: {
      type: 'string',
      description: 'Only records owned by this name; `*.example.com` for the name and every name ' +
        'under it',
      examples: ['*.walmart.com']
    },
    ...pagingProperties,
    ...fenceProperties
  }
} as const

const basePage = pageSchema('TxtSearchPage', { $ref: 'ObservationRecord#' },
  shownFenceProperties)

export const txtSearchPageSchema = {
  ...basePage,
  required: [...basePage.required, 'scan_limited'],
  properties: {
    ...basePage.properties,
    scan_limited: {
      type: 'boolean',
      description: 'True when the page ended because the request examined API_TXT_SCAN_LIMIT ' +
        'records, not because it reached limit: it may hold fewer records than limit, even ' +
        'none, and next_cursor continues the scan. Also sent as X-Dnsledger-Scan-Limited'
    }
  }
} as const
