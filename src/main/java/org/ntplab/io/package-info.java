/** Files written whole or not at all, and the digest of a file tree. */
package org.ntplab.io;
