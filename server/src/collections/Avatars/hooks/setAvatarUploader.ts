import { setUploader } from '../../../uploads/set-uploader'

// The uploader is whoever is logged in: only they may then set it as their avatar.
export const setAvatarUploader = setUploader([])
