import { MessageFiles as MessageFiles_68830afcbd07dec45744d1c7af2c1051 } from '../../../admin/attachments/MessageFiles'
import { ResolveActions as ResolveActions_14e2218a0655e1c0aba5ad2789ac6142 } from '../../../admin/reports/ResolveActions'
import { LiveNavLink as LiveNavLink_bbe0023b9a94fa126dbfd53ed27547dc } from '../../../admin/LiveNavLink'
import { LiveView as LiveView_430b5e2ae663ed65a0fc8a971892418f } from '../../../admin/LiveView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/admin/attachments/MessageFiles#MessageFiles": MessageFiles_68830afcbd07dec45744d1c7af2c1051,
  "/admin/reports/ResolveActions#ResolveActions": ResolveActions_14e2218a0655e1c0aba5ad2789ac6142,
  "/admin/LiveNavLink#LiveNavLink": LiveNavLink_bbe0023b9a94fa126dbfd53ed27547dc,
  "/admin/LiveView#LiveView": LiveView_430b5e2ae663ed65a0fc8a971892418f,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
