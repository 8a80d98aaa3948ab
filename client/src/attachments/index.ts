// Attachments (issue #17): the composer's uploads and a message's files. A shared module, not a
// feature: the chat feature's composer and message item use it (features do not import each other).
export { AttachButton } from './components/attach-button'
export { AttachmentTray } from './components/attachment-tray'
export { MessageAttachments } from './components/message-attachments'
export { useUploads, type Uploads } from './hooks/use-uploads'
export { pastedFiles, useFileDrop } from './hooks/use-file-drop'
export { attachmentsSummary } from './model/display'
export { holdUp, readyAttachments } from './model/upload-queue'
export { uploadFile, type UploadDoc } from './api/upload'
export { formatFileSize } from './model/file-size'
