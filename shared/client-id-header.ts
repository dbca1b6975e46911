/**
 * The header a page names its client id in on reads that are rate-limited per client (the
 * snapshot): the same id its socket presents, so a page's limit holds across both.
 */
export const CLIENT_ID_HEADER = 'x-grareco-client';
