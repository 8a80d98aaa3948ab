import { checkUploadBefore } from '../../../uploads/check-upload-hook'
import { AVATAR_RULES } from '../../../uploads/rules'

// PNG, JPEG, GIF or WebP up to 2 MB, typed from their content.
export const checkAvatarFile = checkUploadBefore(AVATAR_RULES)
