// The one shape of every error this API answers, Payload's own: `{"errors":[{"message": …}]}`.
// Plain JavaScript so server.mjs can use it without a build.

/** @param {string} message */
export const errorBody = (message) => ({ errors: [{ message }] })

/**
 * @param {number} status
 * @param {string} message
 * @param {Record<string, string>} [headers]
 * @returns {Response}
 */
export const jsonError = (status, message, headers = {}) => Response.json(errorBody(message), { status, headers })
