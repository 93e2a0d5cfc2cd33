import { render } from 'preact';
import { Popup } from './Popup';
import '../../assets/ui.css';

render(<Popup />, document.getElementById('app')!);
