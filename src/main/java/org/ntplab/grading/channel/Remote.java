package org.ntplab.grading.channel;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/** The far side's object, called through its interface: each call goes over the channel. */
final class Remote implements InvocationHandler, Lent {

  private final Channel channel;
  private final int id;
  private final Class<?> type;
  private volatile boolean expired;

  Remote(Channel channel, int id, Class<?> type) {
    this.channel = channel;
    this.id = id;
    this.type = type;
  }

  @Override
  public void expire() {
    expired = true;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "the other process's " + type.getSimpleName();
      };
    }
    if (expired) {
      throw Lent.expired(type);
    }
    try {
      return channel.invoke(id, method, args == null ? new Object[0] : args);
    } catch (RemoteFailure failure) {
      throw channel.studentSide() ? failure.as(method) : failure;
    } catch (IOException e) {
      throw new ChannelClosed(e);
    }
  }
}
