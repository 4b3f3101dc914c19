/**
 * The Prometheus exposition: at each scrape, the tables' latest snapshot turned into metric
 * families ({@code iptraf_*}) and served over HTTP by the Prometheus Java client.
 */
package org.iptraf.agent.prometheus;
