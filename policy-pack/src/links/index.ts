/**
 * The links of the chain: trail → log group → metric filter → alarm → topic
 * → subscription. Each link is followed by value when the values are known
 * (names, ARNs) and through the engine's property dependencies when they are
 * not. A link the stack cannot settle yet is "unknown", with why.
 */
export { crossRegionDelivery, deliveryOf, filterReadsGroup, groupLabel, type Delivery, type LogGroupRef } from "./log-group";
export { alarmsOn, type AlarmWatch } from "./alarm";
export { isSubscribed, notification, type Notification } from "./notification";
