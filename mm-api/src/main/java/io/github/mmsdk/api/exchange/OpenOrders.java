package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Symbol;
import java.util.List;

/** The optional capability to list the account's open orders. */
public interface OpenOrders {

  /**
   * The open orders of a pair.
   *
   * @param symbol the pair
   * @return the orders, possibly empty
   * @throws ExchangeException when the exchange cannot answer
   */
  List<OpenOrder> openOrders(Symbol symbol);
}
