import { z } from "zod";
import type { DocumentedOperation, DocumentedSurface } from "./types";

/*
 * Transcribed from the BillForward SecurityApi document (seeds/003, Python client) and its models
 * as seed-apis.md §3 lists them (swagger3 models, `req` = required). camelCase with capital "ID";
 * datetimes are ISO-8601 strings; enums are closed.
 */
const dt = z.iso.datetime({ offset: true });
const int = z.int();

const RESOURCE = z.enum([
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
const ACTION = z.enum([
  "All", "AddToInvoice", "AddToAccount", "AddToProductRatePlan", "AddToSubscription", "Advance", "Aggregate",
  "RemoveFromInvoice", "RemoveFromProductRatePlan", "RemoveFromSubscription", "Cancel", "Create", "Delete", "Edit",
  "Execute", "Freeze", "Import", "InvoiceCharges", "Issue", "MetadataCreate", "MetadataEdit", "MetadataDelete", "Migrate",
  "Read", "Recalculate", "Refund", "Reset", "Resume", "Revive", "Start", "Stop", "Tokenize", "Void",
]);

/** created / changedBy / updated, on most entities. */
const audit = { created: dt.optional(), changedBy: z.string().optional(), updated: dt.optional() };

const BFPermission = z.strictObject({
  id: z.string().optional(),
  organizationID: z.string().optional(),
  roleID: z.string().optional(),
  roleName: z.string().optional(),
  resource: RESOURCE.optional(),
  action: ACTION.optional(),
  revoked: dt.optional(),
  deleted: z.boolean().optional(),
  ...audit,
});

const Role = z.strictObject({
  id: z.string().optional(),
  organizationID: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  revoked: dt.optional(),
  deleted: z.boolean().optional(),
  defaultRole: z.boolean().optional(),
  defaultReturned: z.boolean().optional(),
  permissions: z.array(BFPermission).optional(),
  ...audit,
});

const Username = z.strictObject({
  id: z.string().optional(),
  userID: z.string(),
  organizationID: z.string(),
  username: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  profilePicture: z.string().optional(),
  email: z.string().optional(),
  created: dt.optional(),
  changedBy: z.string().optional(),
});

const Password = z.strictObject({ id: z.string().optional(), userID: z.string(), organizationID: z.string(), password: z.string(), active: z.boolean(), ...audit });

const TimeZone = z.strictObject({ displayName: z.string(), id: z.string(), dstsavings: int, rawOffset: int });

const User = z.strictObject({
  id: z.string().optional(),
  organizationID: z.string(),
  password: z.array(Password).optional(),
  username: z.array(Username).optional(),
  openIDIdentifier: z.string().optional(),
  passwordResetCode: z.string().optional(),
  passwordResetAttempts: int.optional(),
  passwordResetValidTill: dt.optional(),
  lastSuccessfulLogin: dt.optional(),
  successfulLogins: int.optional(),
  bfAdmin: z.boolean().optional(),
  enabled: z.boolean(),
  timezone: TimeZone,
  flexcheckUser: z.boolean(),
  twoFA: z.boolean().optional(),
  mainUsername: Username.optional(),
  activeUsernames: z.array(z.string()).optional(),
  email: z.string().optional(),
  ...audit,
});

const UsernameResponse = z.strictObject({
  created: dt.optional(),
  id: z.string().optional(),
  username: z.string().optional(),
  lastName: z.string().optional(),
  userID: z.string().optional(),
  firstName: z.string().optional(),
  email: z.string().optional(),
  profilePicture: z.string().optional(),
  organizationID: z.string().optional(),
  twoFA: z.boolean().optional(),
});

const UserResponse = z.strictObject({
  created: dt.optional(),
  enabled: z.boolean().optional(),
  updated: dt.optional(),
  id: z.string().optional(),
  username: z.array(UsernameResponse).optional(),
  passwordResetValidTill: dt.optional(),
  lastSuccessfulLogin: dt.optional(),
  successfulLogins: int.optional(),
  organizationID: z.string().optional(),
});

const UserCreationResponse = z.strictObject({
  created: dt.optional(),
  changedBy: z.string().optional(),
  organizationID: z.string().optional(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  companyName: z.string().optional(),
  roles: z.array(z.string()).optional(),
  emailSent: z.boolean().optional(),
  accountID: z.string().optional(),
  // `account` (Account) and `request` (UserCreationRequest) are not transcribed: we never send them.
  user: User.optional(),
  id: z.string().optional(),
});

const SimpleUser = z.strictObject({ created: dt.optional(), id: z.string().optional(), username: z.string().optional(), email: z.string().optional(), organizationID: z.string().optional() });
const OrganizationLiteView = z.strictObject({ created: dt.optional(), id: z.string().optional(), customerCode: z.string().optional(), name: z.string().optional(), deleted: z.boolean().optional(), organizationID: z.string().optional() });
const OpenIDRegistrationResponse = z.strictObject({ created: dt.optional(), organizationID: z.string().optional() });
const PasswordResetResponse = z.strictObject({ created: dt.optional(), passwordResetValidTill: dt.optional(), organizationID: z.string().optional() });
const UpdatePasswordResponse = z.strictObject({ created: dt.optional(), id: z.string().optional(), username: z.array(UsernameResponse).optional(), organizationID: z.string().optional(), passwordResetValidTill: dt.optional() });
const OAuthToken = z.strictObject({ accessToken: z.string().optional(), refreshToken: z.string().optional() });
const TokensResponse = z.strictObject({ privateToken: OAuthToken.optional(), publicToken: OAuthToken.optional() });

/** InlineResponseDefaultNN: `{executionTime, results}`; the paged ones add the paging fields. */
const single = (item: z.ZodType) => z.strictObject({ executionTime: int, results: z.array(item) });
const paged = (item: z.ZodType) =>
  z.strictObject({
    executionTime: int,
    results: z.array(item),
    nextPage: z.string().optional(),
    currentPage: int.optional(),
    currentOffset: int.optional(),
    recordsRequested: int.optional(),
    recordsReturned: int.optional(),
    totalRecords: int.optional(),
  });

const BFError = z.strictObject({ errorType: z.string().optional(), errorMessage: z.string().optional(), errorParameters: z.array(z.string()).optional(), errorCode: int.optional() });

const BASE = "/api/v1";
const op = (name: string, method: DocumentedOperation["method"], path: string, model: z.ZodType): DocumentedOperation => ({ name: `BillForward ${name}`, method, path: `${BASE}${path}`, success: { 200: model } });

export const billForward: DocumentedSurface = {
  name: "BillForward",
  prefix: `${BASE}/`,
  operations: [
    op("create_flexcheck_user_login", "POST", "/users/flexcheck", single(UserCreationResponse)),
    op("create_role", "POST", "/roles", single(Role)),
    op("create_user_login", "POST", "/users", single(UserCreationResponse)),
    op("get_all_roles", "GET", "/roles", paged(Role)),
    op("get_current_user", "GET", "/users/mine", single(UserResponse)),
    op("get_my_organizations", "GET", "/users/mine/organizations", paged(OrganizationLiteView)),
    op("get_private_permanent_api_token", "POST", "/users/generate-permanent-api-token", OAuthToken),
    op("get_role_by_id", "GET", "/roles/{role}", single(Role)),
    op("get_simple_all_users", "GET", "/users", paged(SimpleUser)),
    op("get_temporary_api_tokens", "GET", "/users/generate-tokens", TokensResponse),
    op("get_user_by_username", "GET", "/users/username/{email}", paged(UserResponse)),
    op("invite_user_login", "POST", "/users/invite", single(UserCreationResponse)),
    op("link_open_id_token_to_user", "POST", "/users/invite/openid", single(OpenIDRegistrationResponse)),
    op("refresh_permanent_api_token", "POST", "/users/refresh-permanent-api-token", OAuthToken),
    op("remove_permission_from_role", "DELETE", "/roles/{role}/permission/{resource}/{action}", single(Role)),
    op("request_password_reset_code", "POST", "/users/password-reset/request-reset-code", single(PasswordResetResponse)),
    op("revoke_role", "DELETE", "/roles/{role}", single(Role)),
    op("update_email", "PUT", "/users/{email}/email", single(UserResponse)),
    op("update_role", "PUT", "/roles", single(Role)),
    op("update_user_infos", "PUT", "/users/{email}", single(Username)),
    op("update_user_password", "PUT", "/users/{email}/password", single(UpdatePasswordResponse)),
    op("update_user_password_with_reset_code", "POST", "/users/password-reset/password-update", single(UpdatePasswordResponse)),
  ],
  error: () => BFError,
};
