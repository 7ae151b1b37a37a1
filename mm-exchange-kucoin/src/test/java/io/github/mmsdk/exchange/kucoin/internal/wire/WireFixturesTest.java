package io.github.mmsdk.exchange.kucoin.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The wire records bind KuCoin's documented examples (read from ../shared/kucoin/fixtures). */
class WireFixturesTest {
  private static final Path FIXTURES = FakeKuCoin.shared().resolve("kucoin/fixtures");

  private static JsonNode data(String name) throws IOException {
    Assumptions.assumeTrue(
        Files.isDirectory(FIXTURES), "../shared/kucoin absent: skipping fixture test");
    JsonNode root = Wire.MAPPER.readTree(FIXTURES.resolve(name).toFile());
    assertThat(root.get("code").asText()).isEqualTo("200000");
    return root.get("data");
  }

  @Test
  void market_shapes() throws IOException {
    Level1 l1 = Wire.MAPPER.treeToValue(data("level1.json"), Level1.class);
    assertThat(l1.price()).isEqualByComparingTo("67269");
    assertThat(l1.bestBid()).isEqualByComparingTo("67267.5");
    assertThat(l1.time()).isEqualTo(1729172965609L);
    Stats st = Wire.MAPPER.treeToValue(data("stats.json"), Stats.class);
    assertThat(st.changeRate()).isEqualByComparingTo("-0.0114");
    assertThat(st.vol()).isEqualByComparingTo("1738.02898182");
    assertThat(st.makerFeeRate()).isEqualByComparingTo("0.001");
    SymbolInfo s = Wire.MAPPER.treeToValue(data("symbol_btc_usdt.json"), SymbolInfo.class);
    assertThat(s.baseMinSize()).isEqualByComparingTo("0.00001");
    assertThat(s.priceIncrement()).isEqualByComparingTo("0.1");
    assertThat(s.enableTrading()).isTrue();
  }

  @Test
  void account_shapes() throws IOException {
    List<Account> a =
        Wire.MAPPER.convertValue(data("accounts.json"), new TypeReference<List<Account>>() {});
    assertThat(a).hasSize(2);
    assertThat(a.get(0).type()).isEqualTo("trade");
    ApiKeyInfo k = Wire.MAPPER.treeToValue(data("api_key.json"), ApiKeyInfo.class);
    assertThat(k.apiVersion()).isEqualTo(3);
    assertThat(k.permission()).contains("Transfer");
    assertThat(k.ipWhitelist()).contains("203.**.154");
    List<HfOrder> o =
        Wire.MAPPER.convertValue(
            data("hf_orders_active.json"), new TypeReference<List<HfOrder>>() {});
    assertThat(o.get(0).side()).isEqualTo("buy");
    assertThat(o.get(0).createdAt()).isEqualTo(1729235902748L);
  }

  @Test
  void fills_shape() throws IOException {
    HfFill.Page p = Wire.MAPPER.treeToValue(data("hf_fills.json"), HfFill.Page.class);
    assertThat(p.lastId()).isEqualTo(19814995255305L);
    HfFill f = p.items().get(0);
    assertThat(f.id()).isEqualTo(19814995255305L);
    assertThat(f.liquidity()).isEqualTo("taker");
    assertThat(f.price()).isEqualByComparingTo("67717.6");
    assertThat(f.fee()).isEqualByComparingTo("0.000677176");
    assertThat(f.createdAt()).isEqualTo(1729577515473L);
  }

  @Test
  void bullet_shape() throws IOException {
    Bullet b = Wire.MAPPER.treeToValue(data("bullet_public.json"), Bullet.class);
    assertThat(b.token()).isNotBlank();
    assertThat(b.instanceServers().get(0).endpoint()).isEqualTo("wss://ws-api-spot.kucoin.com/");
    assertThat(b.instanceServers().get(0).pingInterval()).isEqualTo(18000);
    assertThat(b.instanceServers().get(0).pingTimeout()).isEqualTo(10000);
  }
}
