/** Socket addresses written and read as people do, IPv6 in brackets. */
package org.ntplab.net;
