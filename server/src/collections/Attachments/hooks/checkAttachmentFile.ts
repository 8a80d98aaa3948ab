import { checkUploadBefore } from '../../../uploads/check-upload-hook'
import { ATTACHMENT_RULES } from '../../../uploads/rules'

// Images and common files up to UPLOAD_MAX_BYTES, typed from their content (uploads/allowed-types.ts).
export const checkAttachmentFile = checkUploadBefore(ATTACHMENT_RULES)
