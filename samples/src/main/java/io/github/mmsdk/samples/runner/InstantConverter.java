package io.github.mmsdk.samples.runner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads {@code --from}/{@code --to}/{@code --at}: an ISO-8601 instant, or a UTC date (midnight).
 */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is neither a UTC date nor an ISO-8601 instant (e.g. 2024-03-01 or"
              + " 2024-03-01T12:00:00Z)");
    }
  }
}
