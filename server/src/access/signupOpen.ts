import type { Access } from 'payload'

import { env } from '../env'
import { userIsAdmin } from './isAdmin'

// Open sign-up unless SIGNUP_ENABLED=false; admins can always create users.
export const signupOpen: Access = ({ req }) => env.signupEnabled || userIsAdmin(req.user)
