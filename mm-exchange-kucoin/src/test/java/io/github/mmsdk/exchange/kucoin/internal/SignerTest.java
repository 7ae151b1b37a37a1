package io.github.mmsdk.exchange.kucoin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.exchange.ApiCredentials;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing against the vectors of KUCOIN_API.md §3.3 (published, and derived there). */
class SignerTest {
  private static final String SECRET = "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3";

  @Test
  void the_published_vector() {
    assertThat(
            Signer.hmac(SECRET, "1547015186532POST/api/v1/deposit-addresses{\"currency\":\"BTC\"}"))
        .isEqualTo("7QP/oM0ykidMdrfNEUmng8eZjg/ZvPafjIqmxiVfYu4=");
  }

  @Test
  void the_derived_vectors() {
    assertThat(Signer.hmac(SECRET, "Ab12345678)(*&^%$#@"))
        .isEqualTo("F2p2bNS1bBehHvC/Z4YkB7l1Wd0Pq2iV/oLHM/DyE+I=");
    assertThat(Signer.hmac(SECRET, "1547015186532GET/api/v1/accounts"))
        .isEqualTo("LzU6+3FbWQMNM8RFHTcMr6MopjKAd/KBTPL3dipxL6o=");
    assertThat(
            Signer.hmac(
                SECRET,
                "1547015186532GET/api/v1/sub/api-key?apiKey=67*b3&subName=test&passphrase=abc!@#11"))
        .isEqualTo("c72aSYo8u5pkxFPk6VkjHpG/12DnWN8Yp+Mx+tCX5G0=");
  }

  @Test
  void headers_sign_the_passphrase_for_versions_2_and_3_only() {
    ApiCredentials c =
        ApiCredentials.of(
            Secret.of("5c2db93503aa674c74a31734"),
            Secret.of(SECRET),
            Secret.of("Ab12345678)(*&^%$#@"));
    Map<String, String> v3 =
        new Signer(c, 3)
            .headers(1547015186532L, "GET", "/api/v1/accounts?currency=USDT&type=trade", "");
    assertThat(v3)
        .containsEntry("KC-API-SIGN", "duMBFwC5/nL0aZbI59FQR4DC9FSq0Jg7As0ZzSnwTVE=")
        .containsEntry("KC-API-PASSPHRASE", "F2p2bNS1bBehHvC/Z4YkB7l1Wd0Pq2iV/oLHM/DyE+I=")
        .containsEntry("KC-API-TIMESTAMP", "1547015186532")
        .containsEntry("KC-API-KEY-VERSION", "3");
    assertThat(new Signer(c, 2).headers(1, "GET", "/x", ""))
        .containsEntry("KC-API-KEY-VERSION", "2")
        .containsEntry("KC-API-PASSPHRASE", "F2p2bNS1bBehHvC/Z4YkB7l1Wd0Pq2iV/oLHM/DyE+I=");
    assertThat(new Signer(c, 1).headers(1, "GET", "/x", ""))
        .containsEntry("KC-API-PASSPHRASE", "Ab12345678)(*&^%$#@");
    assertThat(new Signer(c, 3).toString()).doesNotContain(SECRET).doesNotContain("Ab12345678");
    assertThat(new Signer(c, 3).keyVersion()).isEqualTo(3);
  }

  @Test
  void agrees_with_the_fakes_independent_hmac() {
    qt().withFixedSeed(20261123L)
        .withExamples(200)
        .forAll(
            strings().allPossible().ofLengthBetween(0, 64),
            strings().basicLatinAlphabet().ofLengthBetween(1, 40))
        .checkAssert(
            (msg, secret) ->
                assertThat(Signer.hmac(secret, msg)).isEqualTo(FakeKuCoin.hmac(secret, msg)));
  }
}
