/**
 * The rules for subsidies granted while a counter cannot reach the central: the counter's own decision from its
 * offline copy ({@link cn.laorenjia.core.offline.CounterOfflineDecider}) and the central's classification of such a
 * sale when it is synced — recorded, a conflict the district bears, or rejected and borne by the canteen
 * ({@link cn.laorenjia.core.offline.OfflineClaims}). Pure functions over core values, like the decision itself.
 */
package cn.laorenjia.core.offline;
