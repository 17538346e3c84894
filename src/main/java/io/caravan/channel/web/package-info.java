/** The web page for people (docs/web-page.md): its files, served by Caravan on the HTTP port. */
package io.caravan.channel.web;
