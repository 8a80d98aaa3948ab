// Shared with the other features (attachments' viewer, the profile dialog): see src/hooks.
export { useModalDialog } from '../../../hooks/use-modal-dialog'
