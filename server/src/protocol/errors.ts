// Every refusal of the API (4xx) and of the stream answers this body. Payload adds field errors
// of a validation failure under `data.errors`; a resend refused with 409 carries the stored
// message's id under `data.id`.
export interface ErrorBody {
  errors: Array<{
    message: string
    data?: { errors?: Array<{ message: string; path?: string }>; id?: number }
  }>
}
