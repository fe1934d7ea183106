"""About Lotse, privacy and accessibility."""

from __future__ import annotations

import streamlit as st

from ui.content import get_content

content = get_content()

st.title("Über Lotse und Datenschutz", anchor=False)
st.markdown(
    """
Lotse ist ein Wegweiser für Menschen in der Kommunalpolitik, die beleidigt, bedroht, angegriffen oder im
Netz angefeindet werden. Lotse ordnet ein, zeigt nächste Schritte und nennt passende Ansprechstellen in
Ihrem Bundesland, so wie es die bundesweite Ansprechstelle **starke Stelle** und das Portal
[stark-im-amt.de](https://www.stark-im-amt.de) als Lotsen tun.

### Was Lotse nicht ist
- **Keine Rechtsberatung.** Lotse gibt Orientierung. Für Ihren Fall fragen Sie eine Beratungsstelle oder
  eine Anwältin oder einen Anwalt.
- **Nicht die Polizei.** Lotse leitet nichts weiter. Im Notfall rufen Sie **110**.

### Datenschutz
- Ihre Antworten bleiben nur im Arbeitsspeicher dieser einen Sitzung. Sie werden **nicht gespeichert**, nicht
  in Protokolle geschrieben und nicht in die Adresszeile (URL) übernommen.
- Schließen Sie das Fenster oder nutzen Sie „Seite verlassen“, ist die Sitzung beendet.
- Lotse lädt keine Inhalte von fremden Servern, setzt keine Analyse- oder Werbe-Cookies und sendet keine
  Nutzungsstatistik (auch nicht an den Hersteller der Software).
- Wenn Sie einen Link zu einer Ansprechstelle anklicken, verlassen Sie Lotse. Dann gilt der Datenschutz
  dieser Stelle.

### Schnell verlassen
Die Schaltfläche „Seite verlassen“ unten auf jeder Seite, oder 3-mal die Umschalt-Taste, ersetzt
Lotse sofort durch die Seite des Deutschen Wetterdienstes und löscht Ihre Antworten in Lotse.
Der Browserverlauf wird dabei **nicht** gelöscht. Wenn jemand anderes Ihr Gerät nutzt, können Sie den
Verlauf in den Einstellungen Ihres Browsers löschen oder ein privates Fenster verwenden.

### Woher die Inhalte kommen
Jede Ansprechstelle nennt die Quelle, auf der ihre Angaben geprüft wurden, und das Prüfdatum. Jeder nächste
Schritt nennt seine Quellen, bei Rechtsfragen den Paragrafen. Gesetzentwürfe stellt Lotse nicht als
geltendes Recht dar.
"""
)
st.markdown(f"Inhalte zuletzt geprüft am **{content.last_reviewed:%d.%m.%Y}**.")
st.markdown(
    """
### Barrierefreiheit
Lotse soll die Anforderungen der WCAG 2.1 auf Stufe AA erfüllen: bedienbar mit der Tastatur, gut lesbare
Kontraste, auch auf dem Smartphone. Jede Seite wird automatisch mit axe-core geprüft.
"""
)
