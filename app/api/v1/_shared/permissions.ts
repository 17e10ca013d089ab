/**
 * BillForward's `BFPermission.resource` and `.action` enums as documented. A generated client
 * rejects any other value, so a permission on one of our own resources (Group, Role, Token,
 * Settings: none means the same as a BillForward resource) is left out of BillForward answers.
 * Nothing on this surface replaces a role's permission list, so hidden ones are never lost.
 */
export const BF_RESOURCES: ReadonlySet<string> = new Set([
  "All", "Account", "Address", "Amendment", "Analytics", "Audit", "BFAdmin", "BFJS", "Charge", "CheckoutDefinition",
  "Client", "Configuration", "CouponBook", "CouponBookDefinition", "CouponDefinition", "CouponInstance", "CouponModifier",
  "CouponRule", "Coupon", "Credit", "CybersourceToken", "Dunning", "Email", "FixedTerm", "Gateway", "Invoice",
  "InvoiceTemplateConfiguration", "Metadata", "Notification", "Organization", "OrganizationProfile", "Password",
  "PaymentMethod", "Payment", "Permission", "PricingComponent", "PricingComponentTier", "PricingComponentValueChange",
  "PricingComponentValue", "ProductRatePlan", "Product", "ProductResources", "Profile", "SubscriptionNotificationConfiguration",
  "Quote", "Receipt", "Report", "Refund", "Salesforce", "Search", "Subscription", "Tax", "UnitOfMeasure", "Usage",
  "Username", "User", "UserResources", "Webhook", "Contract", "Xero", "QuickBooks", "ContractPeriod", "HubSpot",
  "EmailNotifications", "EmailNotificationsConfig", "Shuttle", "RequestLogging",
]);

export const BF_ACTIONS: ReadonlySet<string> = new Set([
  "All", "AddToInvoice", "AddToAccount", "AddToProductRatePlan", "AddToSubscription", "Advance", "Aggregate",
  "RemoveFromInvoice", "RemoveFromProductRatePlan", "RemoveFromSubscription", "Cancel", "Create", "Delete", "Edit",
  "Execute", "Freeze", "Import", "InvoiceCharges", "Issue", "MetadataCreate", "MetadataEdit", "MetadataDelete", "Migrate",
  "Read", "Recalculate", "Refund", "Reset", "Resume", "Revive", "Start", "Stop", "Tokenize", "Void",
]);

export const nameableInBillForward = (p: { resource: string; action: string }) => BF_RESOURCES.has(p.resource) && BF_ACTIONS.has(p.action);
