import { CreateTenancyFoundation1795397002366 } from './1795397002366-CreateTenancyFoundation';
import { AddSignInSecurity1795480000000 } from './1795480000000-AddSignInSecurity';
import { AddAccountDetailsAndNewsletters1795490000000 } from './1795490000000-AddAccountDetailsAndNewsletters';
import { AddAuditLog1795500000000 } from './1795500000000-AddAuditLog';
import { AddAccessGrants1795510000000 } from './1795510000000-AddAccessGrants';
import { SealAuditLogAfterCommit1795520000000 } from './1795520000000-SealAuditLogAfterCommit';
import { LeanAuditEvents1795530000000 } from './1795530000000-LeanAuditEvents';
import { SealIntoInsertOnlyTable1795540000000 } from './1795540000000-SealIntoInsertOnlyTable';
import { LogEveryStaffAccess1795550000000 } from './1795550000000-LogEveryStaffAccess';
import { CountChallengeAttempts1795551000000 } from './1795551000000-CountChallengeAttempts';
import { AddMailSendThrottle1795551100000 } from './1795551100000-AddMailSendThrottle';
import { AddPendingInvitations1795551200000 } from './1795551200000-AddPendingInvitations';
import { KeyIdentitiesByIssuer1795552000000 } from './1795552000000-KeyIdentitiesByIssuer';
import { KeyAuditEventsByEntryNo1795560000000 } from './1795560000000-KeyAuditEventsByEntryNo';
import { AddDenyReason1795570000000 } from './1795570000000-AddDenyReason';
import { FollowBillingCountry1795575000000 } from './1795575000000-FollowBillingCountry';
import { AddTenantCountry1795580000000 } from './1795580000000-AddTenantCountry';
import { AddInvoicingSettings1795600000000 } from './1795600000000-AddInvoicingSettings';
import { AddPlansAndSubscriptions1795601000000 } from './1795601000000-AddPlansAndSubscriptions';
import { AddBillingRunsAndInvoices1795602000000 } from './1795602000000-AddBillingRunsAndInvoices';
import { AddInvoiceFiles1795603000000 } from './1795603000000-AddInvoiceFiles';
import { AddPayments1795604000000 } from './1795604000000-AddPayments';
import { AddBillingSchedule1795605000000 } from './1795605000000-AddBillingSchedule';
import { AddSubscriberInvoices1795608000000 } from './1795608000000-AddSubscriberInvoices';
import { AddCreditNoteReference1795606000000 } from './1795606000000-AddCreditNoteReference';
import { AddPaymentReminders1795609000000 } from './1795609000000-AddPaymentReminders';
import { AddPrivacyRequests1795700000000 } from './1795700000000-AddPrivacyRequests';
import { AddProcessingRecordAndDisclosures1795710000000 } from './1795710000000-AddProcessingRecordAndDisclosures';
import { AddPrivacyExports1795720000000 } from './1795720000000-AddPrivacyExports';
import { AddErasure1795730000000 } from './1795730000000-AddErasure';
import { AddPrivacyDeadlineNotices1795740000000 } from './1795740000000-AddPrivacyDeadlineNotices';
import { AddPrivacyStatements1795750000000 } from './1795750000000-AddPrivacyStatements';
import { AddUsageCounts1795760000000 } from './1795760000000-AddUsageCounts';
import { CheckInvoiceLinesPerStatement1795770000000 } from './1795770000000-CheckInvoiceLinesPerStatement';
import { OrderRunInvoicesById1795771000000 } from './1795771000000-OrderRunInvoicesById';
import { EraseByExactAddress1795800000000 } from './1795800000000-EraseByExactAddress';
import { PurgeKeptRecordsAfterRetention1795810000000 } from './1795810000000-PurgeKeptRecordsAfterRetention';
import { AddOptionalCookieSetting1795820000000 } from './1795820000000-AddOptionalCookieSetting';
import { SizeQueueExpiry1795830000000 } from './1795830000000-SizeQueueExpiry';
import { AddAuditSealQueue1795900000000 } from './1795900000000-AddAuditSealQueue';
import { PartialInvoiceKeys1795920000000 } from './1795920000000-PartialInvoiceKeys';
import { RescheduleHeldNoticesWithTimeZone1795940000000 } from './1795940000000-RescheduleHeldNoticesWithTimeZone';
import { AddBillingRunBatches1796000000000 } from './1796000000000-AddBillingRunBatches';
import { PurgeRegistersAfterRetention1796100000000 } from './1796100000000-PurgeRegistersAfterRetention';
import { AddMailSendingLease1796200000000 } from './1796200000000-AddMailSendingLease';
import { CheckLinesByLookup1796250000000 } from './1796250000000-CheckLinesByLookup';
import { AddSupplierBankAccount1796317000000 } from './1796317000000-AddSupplierBankAccount';
import { DropBillingRunCursor1796317100000 } from './1796317100000-DropBillingRunCursor';
import { AddOldestUnsealedEvent1796400000000 } from './1796400000000-AddOldestUnsealedEvent';
import { RefreshBillingStatistics1796410000000 } from './1796410000000-RefreshBillingStatistics';
import { AddInvoiceEmail1796420000000 } from './1796420000000-AddInvoiceEmail';

/** Every migration, in order. Listed explicitly so the bundled API carries them without a glob. */
export const MIGRATIONS = [
  CreateTenancyFoundation1795397002366,
  AddSignInSecurity1795480000000,
  AddAccountDetailsAndNewsletters1795490000000,
  AddAuditLog1795500000000,
  AddAccessGrants1795510000000,
  SealAuditLogAfterCommit1795520000000,
  LeanAuditEvents1795530000000,
  SealIntoInsertOnlyTable1795540000000,
  LogEveryStaffAccess1795550000000,
  CountChallengeAttempts1795551000000,
  AddMailSendThrottle1795551100000,
  AddPendingInvitations1795551200000,
  KeyIdentitiesByIssuer1795552000000,
  KeyAuditEventsByEntryNo1795560000000,
  AddDenyReason1795570000000,
  FollowBillingCountry1795575000000,
  AddTenantCountry1795580000000,
  AddInvoicingSettings1795600000000,
  AddPlansAndSubscriptions1795601000000,
  AddBillingRunsAndInvoices1795602000000,
  AddInvoiceFiles1795603000000,
  AddPayments1795604000000,
  AddBillingSchedule1795605000000,
  AddCreditNoteReference1795606000000,
  AddSubscriberInvoices1795608000000,
  AddPaymentReminders1795609000000,
  AddPrivacyRequests1795700000000,
  AddProcessingRecordAndDisclosures1795710000000,
  AddPrivacyExports1795720000000,
  AddErasure1795730000000,
  AddPrivacyDeadlineNotices1795740000000,
  AddPrivacyStatements1795750000000,
  AddUsageCounts1795760000000,
  CheckInvoiceLinesPerStatement1795770000000,
  OrderRunInvoicesById1795771000000,
  EraseByExactAddress1795800000000,
  PurgeKeptRecordsAfterRetention1795810000000,
  AddOptionalCookieSetting1795820000000,
  SizeQueueExpiry1795830000000,
  AddAuditSealQueue1795900000000,
  PartialInvoiceKeys1795920000000,
  RescheduleHeldNoticesWithTimeZone1795940000000,
  AddBillingRunBatches1796000000000,
  PurgeRegistersAfterRetention1796100000000,
  AddMailSendingLease1796200000000,
  CheckLinesByLookup1796250000000,
  AddSupplierBankAccount1796317000000,
  DropBillingRunCursor1796317100000,
  AddOldestUnsealedEvent1796400000000,
  RefreshBillingStatistics1796410000000,
  AddInvoiceEmail1796420000000,
];
