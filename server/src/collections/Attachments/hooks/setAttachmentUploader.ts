import { setUploader } from '../../../uploads/set-uploader'

// The uploader is whoever is logged in; the message is set when a message names the upload.
export const setAttachmentUploader = setUploader(['message'])
