// Avatars (issue #17): a user's picture over their initials, shared by the chat (sidebar, room
// members, room messages) and the profile (which changes it). A shared module, not a feature.
export { Avatar, AvatarImage } from './avatar'
export { avatarChanged } from './avatar-store'
